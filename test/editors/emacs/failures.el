;;; failures.el --- What the user is told when the server is missing or crashes  -*- lexical-binding: t; -*-

;; plan.cmd may be no executable; with plan.crash the server is killed once it serves.

(load (expand-file-name "driver.el" (file-name-directory load-file-name)) nil t)

(spackle-test-run
 (lambda ()
   (let ((spot (spackle-test-plan :spots :completion)))
     (spackle-test-goto spot)
     (spackle-test-report :start (spackle-test-error-of #'eglot))
     (when (eq (spackle-test-plan :crash) t)
       (let ((process (jsonrpc--process (spackle-test-wait "Spackle under eglot" #'spackle--eglot-server))))
         (spackle-test-wait "the hole diagnostics" #'flymake-diagnostics)
         (signal-process process 'SIGKILL)
         (spackle-test-report :crash (spackle-test-wait "the crash to be reported"
                                                        (lambda () (cl-find-if (lambda (m) (string-prefix-p "Spackle:" m))
                                                                               spackle-test-messages))))))
     (spackle-test-goto spot)
     (spackle-test-report :fill (spackle-test-error-of #'spackle-fill-hole))
     (spackle-test-report :context (spackle-test-error-of #'spackle-show-context)))))
