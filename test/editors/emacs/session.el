;;; session.el --- One eglot session on the fixture project  -*- lexical-binding: t; -*-

;; Completion at a hole picked from *Completions*, `spackle-show-context', the "Fill hole" code action,
;; `spackle-fill-hole', then the server shut down.

(load (expand-file-name "driver.el" (file-name-directory load-file-name)) nil t)

(defun spackle-test-file-text (spot)
  "The text of the buffer visiting the file of SPOT."
  (spackle-test-open (plist-get spot :file))
  (spackle-test-text))

(defun spackle-test-wait-for-change (what spot before)
  "Wait until the buffer of SPOT's file is no longer BEFORE (WHAT changes it); its text."
  (spackle-test-wait what (lambda () (let ((text (spackle-test-file-text spot))) (and (not (equal text before)) text)))))

(spackle-test-run
 (lambda ()
   ;; Completion: `completion-at-point' in `_()', the first candidate chosen in *Completions*.
   (let ((spot (spackle-test-plan :spots :completion)) before)
     (spackle-test-open (plist-get spot :file))
     (call-interactively #'eglot)
     (let ((server (spackle-test-wait "Spackle under eglot" #'spackle--eglot-server)))
       (spackle-test-report :pid (process-id (jsonrpc--process server))))
     (spackle-test-report :diagnostics
                          (vconcat (spackle-test-wait "the hole diagnostics"
                                                      (lambda () (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))))
     (spackle-test-goto spot)
     (setq before (spackle-test-text))
     (completion-at-point)
     (switch-to-completions)
     (spackle-test-report :completion (buffer-substring-no-properties (point) (line-end-position)))
     (choose-completion)
     (spackle-test-report :completionText (spackle-test-wait-for-change "the completion" spot before)))

   ;; `spackle-show-context': the text of its window.
   (spackle-test-goto (spackle-test-plan :spots :context))
   (call-interactively #'spackle-show-context)
   (spackle-test-report :context (with-current-buffer "*spackle-context*" (spackle-test-text)))

   ;; The code action, picked by its title from eglot's menu as the user would.
   (let ((spot (spackle-test-plan :spots :codeAction)) before)
     (spackle-test-goto spot)
     (setq before (spackle-test-text))
     (cl-letf (((symbol-function 'completing-read)
                (lambda (_prompt titles &rest _)
                  (let ((titles (mapcar #'car titles)))
                    (spackle-test-report :codeActions (vconcat titles))
                    (cl-find-if (lambda (title) (string-prefix-p "Fill hole with" title)) titles)))))
       (let ((last-nonmenu-event ?\r))    ; chosen from the keyboard, not a mouse menu
         (call-interactively #'eglot-code-actions)))
     (spackle-test-report :codeActionText (spackle-test-wait-for-change "the code action" spot before)))

   ;; `spackle-fill-hole' at a cursor hole, then where there is no hole.
   (let ((spot (spackle-test-plan :spots :fill)) before)
     (spackle-test-goto spot)
     (setq before (spackle-test-text))
     (spackle-test-report :fillError (spackle-test-error-of #'spackle-fill-hole))
     (spackle-test-report :fillMessage (car spackle-test-messages))
     (spackle-test-report :fillText (spackle-test-wait-for-change "the fill" spot before)))
   (spackle-test-goto (spackle-test-plan :spots :noHole))
   (spackle-test-report :noHole (spackle-test-error-of #'spackle-fill-hole))

   ;; Shutdown: eglot sends shutdown (failing if it gets no answer within 1.5 s), then exit, then ends the process.
   (let* ((server (spackle--eglot-server))
          (process (jsonrpc--process server)))
     (eglot-shutdown server)
     (spackle-test-wait "the server process to end" (lambda () (not (process-live-p process))))
     (spackle-test-report :shutdown t))))
