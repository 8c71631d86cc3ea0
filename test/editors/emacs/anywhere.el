;;; anywhere.el --- Completion anywhere under eglot  -*- lexical-binding: t; -*-

;; On the empty line of a function's body, `completion-at-point' offers the code the scripted model writes as one
;; candidate; the only one, it goes in at once and fills the body over its lines.

(load (expand-file-name "driver.el" (file-name-directory load-file-name)) nil t)

(spackle-test-run
 (lambda ()
   (let ((spot (spackle-test-plan :spots :anywhere)))
     (spackle-test-eglot (plist-get spot :file))
     (spackle-test-goto spot)
     (let ((before (spackle-test-text)))
       ;; The candidates as `completion-at-point' gets them from eglot.
       (spackle-test-report :items (vconcat (all-completions "" (nth 2 (eglot-completion-at-point)))))
       (completion-at-point)
       ;; A unique candidate is inserted at once; several would be listed in *Completions*.
       (when (get-buffer-window "*Completions*")
         (switch-to-completions)
         (choose-completion))
       (spackle-test-report :text (spackle-test-wait-for-change "the completion" spot before))))))
