;;; lsp-mode.el --- One lsp-mode session, Spackle as an add-on client  -*- lexical-binding: t; -*-

;; Completion at a hole, `spackle-show-context', the "Fill hole" code action and `spackle-fill-hole' through lsp-mode,
;; then the server shut down.

(load (expand-file-name "driver.el" (file-name-directory load-file-name)) nil t)
(require 'lsp-mode)
(setq lsp-enable-snippet nil lsp-keep-workspace-alive nil lsp-restart 'ignore)
;; The user's setup: lsp-mode in every TypeScript buffer.
(add-hook 'typescript-mode-hook #'lsp)

(spackle-test-run
 (lambda ()
   ;; What importing the project root at lsp-mode's first prompt records.
   (setf (lsp-session-folders (lsp-session)) (list (spackle-test-plan :root)))
   (let ((spot (spackle-test-plan :spots :completion)))
     (spackle-test-open (plist-get spot :file))
     (let ((workspace (spackle-test-wait "Spackle under lsp-mode"
                                         (lambda () (let ((workspace (spackle--lsp-workspace)))
                                                      (and workspace (eq (lsp--workspace-status workspace) 'initialized)
                                                           workspace))))))
       (spackle-test-report-server (lsp--workspace-proc workspace))
       (spackle-test-report :addOn (lsp--client-add-on? (lsp--workspace-client workspace))))
     (spackle-test-complete spot))
   (spackle-test-show-context (spackle-test-plan :spots :context))
   (spackle-test-code-action (spackle-test-plan :spots :codeAction) #'lsp-execute-code-action)
   (spackle-test-fill (spackle-test-plan :spots :fill) (spackle-test-plan :spots :noHole))
   (let* ((workspace (spackle--lsp-workspace))
          (process (lsp--workspace-proc workspace)))
     (lsp-workspace-shutdown workspace)
     (spackle-test-wait "the server process to end" (lambda () (not (process-live-p process))))
     (spackle-test-report :shutdown t))))
