;;; session.el --- One eglot session on the fixture project  -*- lexical-binding: t; -*-

;; Completion at a hole picked from *Completions*, `spackle-show-context', the "Fill hole" code action,
;; `spackle-fill-hole', then the server shut down.

(load (expand-file-name "driver.el" (file-name-directory load-file-name)) nil t)

(spackle-test-run
 (lambda ()
   (let ((spot (spackle-test-plan :spots :completion)))
     (spackle-test-report-server (jsonrpc--process (spackle-test-eglot (plist-get spot :file))))
     (spackle-test-report :diagnostics
                          (vconcat (spackle-test-wait
                                    "the hole diagnostics"
                                    (lambda () (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))))
     (spackle-test-complete spot))

   (spackle-test-show-context (spackle-test-plan :spots :context))

   (spackle-test-code-action (spackle-test-plan :spots :codeAction) #'eglot-code-actions)

   (spackle-test-fill (spackle-test-plan :spots :fill) (spackle-test-plan :spots :noHole))

   ;; Shutdown: eglot sends shutdown (failing if it gets no answer within 1.5 s), then exit, then ends the process.
   (let* ((server (spackle--eglot-server))
          (process (jsonrpc--process server)))
     (eglot-shutdown server)
     (spackle-test-wait "the server process to end" (lambda () (not (process-live-p process))))
     (spackle-test-report :shutdown t))))
