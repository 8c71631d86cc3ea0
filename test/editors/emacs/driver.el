;;; driver.el --- Drives batch Emacs through a scenario as a user would  -*- lexical-binding: t; -*-

;; What the user would see goes into a JSON report that the vitest test (test/editors/emacs.test.ts) asserts on.
;; Waiting accepts process output, so eglot's connection keeps running; each wait fails the scenario after a while.

(require 'package)
(package-activate-all)
(require 'eglot)
(require 'use-package)
(require 'cl-lib)

(defvar spackle-test-plan (json-parse-string (getenv "SPACKLE_PLAN") :object-type 'plist :array-type 'list))

(defun spackle-test-readme-form (start)
  "The form in the README the plan names that starts with the text START."
  (with-temp-buffer
    (insert-file-contents (plist-get spackle-test-plan :readme))
    (search-forward start)
    (goto-char (match-beginning 0))
    (read (current-buffer))))

;; Spackle set up as the README says.
(eval (spackle-test-readme-form "(use-package spackle") t)

(defvar spackle-test-report nil "The report, a plist.")
(defvar spackle-test-messages nil "Messages shown in the echo area, last first.")

(defconst spackle-test-wait-seconds 30)

;; The user's TypeScript major mode (typescript-mode from MELPA; Emacs 28 has none of its own).
(unless (fboundp 'typescript-mode)
  (define-derived-mode typescript-mode prog-mode "TypeScript"))
(add-to-list 'auto-mode-alist '("\\.ts\\'" . typescript-mode))
(setq create-lockfiles nil make-backup-files nil)

(advice-add 'message :around
            (lambda (show format &rest args)
              (when format (push (apply #'format-message format args) spackle-test-messages))
              (apply show format args)))

(defun spackle-test-plan (&rest keys)
  "The value at KEYS (keywords) in the plan."
  (let ((value spackle-test-plan))
    (dolist (key keys value) (setq value (plist-get value key)))))

(defun spackle-test-report (key value)
  "Record VALUE under KEY in the report."
  (setq spackle-test-report (plist-put spackle-test-report key value)))

(defun spackle-test-wait (what probe)
  "Wait until PROBE returns non-nil, and return that; fail the scenario with WHAT after a while."
  (let ((deadline (+ (float-time) spackle-test-wait-seconds)) value)
    (while (not (setq value (funcall probe)))
      (when (> (float-time) deadline) (error "Timed out waiting for %s" what))
      (accept-process-output nil 0.05))
    value))

(defun spackle-test-report-server (process)
  "Report the id of the server's PROCESS and the executable it runs, as PATH resolves its command."
  (spackle-test-report :pid (process-id process))
  (spackle-test-report :server (executable-find (car (process-command process)))))

(defun spackle-test-open (name)
  "Visit the fixture file NAME."
  (find-file (expand-file-name name (spackle-test-plan :root))))

(defun spackle-test-eglot (name)
  "Visit the fixture file NAME and start eglot there; the server, once it manages the buffer."
  (spackle-test-open name)
  (call-interactively #'eglot)
  (prog1 (spackle-test-wait "Spackle under eglot" #'spackle--eglot-server)
    (spackle-test-wait "eglot to manage the buffer" (lambda () (bound-and-true-p eglot--managed-mode)))))

(defun spackle-test-goto (spot)
  "Move point where SPOT (a plan spot) says: `cursor' characters into the first `around'."
  (spackle-test-open (plist-get spot :file))
  (goto-char (point-min))
  (search-forward (plist-get spot :around))
  (goto-char (+ (match-beginning 0) (plist-get spot :cursor))))

(defun spackle-test-text ()
  "The text of the current buffer."
  (buffer-substring-no-properties (point-min) (point-max)))

(defun spackle-test-file-text (spot)
  "The text of the buffer visiting the file of SPOT."
  (spackle-test-open (plist-get spot :file))
  (spackle-test-text))

(defun spackle-test-wait-for-change (what spot before)
  "Wait until the buffer of SPOT's file is no longer BEFORE (WHAT changes it); its text."
  (spackle-test-wait what (lambda ()
                           (let ((text (spackle-test-file-text spot)))
                             (and (not (equal text before)) text)))))

(defun spackle-test-complete (spot)
  "`completion-at-point' at SPOT, the first candidate chosen in *Completions*; report both."
  (spackle-test-goto spot)
  (let ((before (spackle-test-text)))
    (completion-at-point)
    (switch-to-completions)
    (spackle-test-report :completion (buffer-substring-no-properties (point) (line-end-position)))
    (choose-completion)
    (spackle-test-report :completionText (spackle-test-wait-for-change "the completion" spot before))))

(defun spackle-test-show-context (spot)
  "`spackle-show-context' at SPOT; report the lines of its window."
  (spackle-test-goto spot)
  (call-interactively #'spackle-show-context)
  (spackle-test-report :context
                       (vconcat (split-string (with-current-buffer "*spackle-context*" (spackle-test-text))
                                              "\n"))))

(defun spackle-test-code-action (spot command)
  "Run the code action COMMAND at SPOT, picking the first \"Fill hole\" action by its title as the user would."
  (spackle-test-goto spot)
  (let ((before (spackle-test-text)))
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt collection &rest _)
                 (let ((titles (mapcar (lambda (c) (if (consp c) (car c) c)) collection)))
                   (spackle-test-report :codeActions (vconcat titles))
                   (cl-find-if (lambda (title) (string-prefix-p "Fill hole with" title)) titles)))))
      (let ((last-nonmenu-event ?\r))    ; chosen from the keyboard, not a mouse menu
        (call-interactively command)))
    (spackle-test-report :codeActionText (spackle-test-wait-for-change "the code action" spot before))))

(defun spackle-test-fill (spot no-hole)
  "`spackle-fill-hole' at SPOT, then at NO-HOLE; report the buffer and what the user was told."
  (spackle-test-goto spot)
  (let ((before (spackle-test-text)))
    (spackle-test-report :fillError (spackle-test-error-of #'spackle-fill-hole))
    (spackle-test-report :fillMessage (car spackle-test-messages))
    (spackle-test-report :fillText (spackle-test-wait-for-change "the fill" spot before)))
  (spackle-test-goto no-hole)
  (spackle-test-report :noHole (spackle-test-error-of #'spackle-fill-hole)))

(defun spackle-test-error-of (command)
  "Run COMMAND as the user would; the error message it shows, or nil."
  (condition-case err
      (progn (call-interactively command) nil)
    (error (error-message-string err))))

(defun spackle-test-run (scenario)
  "Apply the plan's command and settings, run SCENARIO, write the report and exit."
  ;; The plan's command and settings over the README's.
  (when (spackle-test-plan :cmd) (setq spackle-command (spackle-test-plan :cmd)))
  (when (spackle-test-plan :settings) (setq spackle-settings (spackle-test-plan :settings)))
  (spackle-test-report :client (symbol-file 'spackle-fill-hole))
  (condition-case err
      (funcall scenario)
    (error (spackle-test-report :error (error-message-string err))))
  (spackle-test-report :messages (vconcat (reverse spackle-test-messages)))
  (with-temp-file (spackle-test-plan :report)
    (insert (json-serialize spackle-test-report :null-object nil :false-object :false)))
  (kill-emacs 0))

(provide 'driver)
;;; driver.el ends here
