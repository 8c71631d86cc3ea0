;;; failures.el --- What the user is told when the server is missing or crashes  -*- lexical-binding: t; -*-

;; plan.cmd may be no executable; with plan.crash the server is killed once it serves, eglot restarting it or not as
;; plan.autoreconnect says (`eglot-autoreconnect': by default only a server that lived 3 seconds, which a test run
;; may or may not reach).

(load (expand-file-name "driver.el" (file-name-directory load-file-name)) nil t)

(let ((autoreconnect (spackle-test-plan :autoreconnect)))
  (when autoreconnect (setq eglot-autoreconnect (not (eq autoreconnect :false)))))

(spackle-test-run
 (lambda ()
   (let ((spot (spackle-test-plan :spots :completion)))
     (spackle-test-goto spot)
     (spackle-test-report :start (spackle-test-error-of #'eglot))
     (when (eq (spackle-test-plan :crash) t)
       (let ((process (jsonrpc--process (spackle-test-wait "Spackle under eglot" #'spackle--eglot-server))))
         (spackle-test-wait "the hole diagnostics" #'flymake-diagnostics)
         (signal-process process 'SIGKILL)
         (let ((crash (spackle-test-wait "the crash to be reported"
                                         (lambda () (cl-find-if (lambda (m) (string-prefix-p "Spackle:" m))
                                                                spackle-test-messages)))))
           (spackle-test-report :crash crash)
           (when (eq eglot-autoreconnect t)
             (spackle-test-wait "eglot to restart Spackle" #'spackle--eglot-server)
             (spackle-test-report :restarted t))
           ;; The buffer the message names is still there, whether eglot restarted the server or not.
           (spackle-test-report :stderrKept (and (string-match "in the buffer \"\\([^\"]+\\)\"" crash)
                                                 (buffer-live-p (get-buffer (match-string 1 crash)))
                                                 t)))))
     (spackle-test-goto spot)
     (spackle-test-report :fill (spackle-test-error-of #'spackle-fill-hole))
     (spackle-test-report :context (spackle-test-error-of #'spackle-show-context)))))
