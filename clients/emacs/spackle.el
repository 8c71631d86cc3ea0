;;; spackle.el --- Typed holes for TypeScript: Spackle in eglot and lsp-mode  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, tools

;;; Commentary:

;; Spackle is a language server that fills typed holes (`_()` or the point) with code that type-checks.
;;
;; eglot runs one server per buffer.  So `spackle-eglot-setup' puts Spackle first in `eglot-server-programs' for
;; `spackle-modes': `M-x eglot' in a TypeScript buffer then starts Spackle, not the TypeScript server.  To have both
;; in one buffer under eglot, start them behind a multiplexing proxy (set `spackle-command' to the proxy's command
;; line), or use lsp-mode, where Spackle is an add-on client that runs beside ts-ls.
;;
;; Completion at a hole is `completion-at-point' (eglot's or lsp-mode's); the "Fill hole" quick fixes are code
;; actions.  `spackle-fill-hole' fills the hole at point with the best fill, `spackle-show-context' shows what the
;; hole needs: its expected type, relevant types and headers.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defgroup spackle nil
  "Typed holes for TypeScript."
  :group 'tools
  :prefix "spackle-")

(defcustom spackle-command '("spackle" "--stdio")
  "The command line that starts Spackle's language server."
  :type '(repeat string))

(defcustom spackle-settings nil
  "Spackle's settings as a plist, e.g. (:fill (:deadlineMs 300)).
See Settings in Spackle's README.  Sent as initializationOptions, and
answered to workspace/configuration under eglot."
  :type 'plist)

(defcustom spackle-modes
  '((typescript-mode :language-id "typescript")
    (typescript-ts-mode :language-id "typescript")
    (tsx-ts-mode :language-id "typescriptreact")
    (js-mode :language-id "javascript")
    (js-ts-mode :language-id "javascript")
    (js2-mode :language-id "javascript")
    (rjsx-mode :language-id "javascriptreact"))
  "Major modes Spackle serves, with the LSP language id of each."
  :type '(repeat (list symbol (const :language-id) string)))

(defconst spackle--fill-hole-command "spackle.fillHole")

(defun spackle--check-command ()
  "Signal a `user-error' saying how to fix it when `spackle-command' cannot run."
  (unless (executable-find (car spackle-command))
    (user-error (concat "Spackle: cannot start the server: `%s' is not an executable on PATH (spackle-command is %S).  "
                        "Install Spackle (npm install -g, see its README) or customize `spackle-command'")
                (car spackle-command) spackle-command)))

;;;; eglot

(defvar eglot-server-programs)
(defvar eglot-confirm-server-initiated-edits)
(declare-function eglot-current-server "eglot")
(declare-function eglot--TextDocumentPositionParams "eglot")
(declare-function jsonrpc-request "jsonrpc")
(declare-function jsonrpc-running-p "jsonrpc")
(declare-function jsonrpc--process "jsonrpc")
(declare-function jsonrpc-stderr-buffer "jsonrpc")
(declare-function eglot--shutdown-requested "eglot")
(declare-function eglot--inhibit-autoreconnect "eglot")

(with-eval-after-load 'eglot
  (defclass spackle-eglot-server (eglot-lsp-server) ()
    :documentation "Spackle's language server under eglot.")

  (cl-defmethod eglot-handle-request
    ((_server spackle-eglot-server) (_method (eql workspace/configuration)) &key items)
    "Answer the `spackle' section with `spackle-settings', other sections with null."
    (apply #'vector
           (mapcar (lambda (item)
                     (if (equal (plist-get item :section) "spackle") spackle-settings nil))
                   items)))

  (add-hook 'eglot-connect-hook #'spackle--watch-for-crash))

(defun spackle--watch-for-crash (server)
  "Tell the user when SERVER, if it is Spackle, stops without being asked to.
Runs from `eglot-connect-hook'."
  (when (eq (eieio-object-class server) 'spackle-eglot-server)
    ;; Before jsonrpc's own sentinel, which may have eglot reconnect (a server that lived long enough): the new
    ;; connection would kill the stderr buffer of this one, so that buffer is kept under a name of its own.
    (add-function :before (process-sentinel (jsonrpc--process server))
                  (lambda (process _event)
                    (unless (or (process-live-p process) (eglot--shutdown-requested server))
                      (let ((stderr (jsonrpc-stderr-buffer server)))
                        (when (buffer-live-p stderr)
                          (with-current-buffer stderr
                            (rename-buffer (generate-new-buffer-name (concat (buffer-name) " (stopped)")))))
                        (message "Spackle: the server stopped (%s %d); its stderr is in the buffer %S.  %s"
                                 (if (eq (process-status process) 'signal) "signal" "exit code")
                                 (process-exit-status process)
                                 (and (buffer-live-p stderr) (buffer-name stderr))
                                 (if (eglot--inhibit-autoreconnect server)
                                     "M-x eglot starts it again"
                                   "eglot starts it again"))))))))

(defun spackle--eglot-contact (&optional _interactive)
  "How eglot starts Spackle: its class, command line and initializationOptions."
  (spackle--check-command)
  `(spackle-eglot-server ,@spackle-command :initializationOptions ,spackle-settings))

;;;###autoload
(defun spackle-eglot-setup ()
  "Make `eglot' start Spackle in the buffers of `spackle-modes'."
  (require 'eglot)
  (add-to-list 'eglot-server-programs (cons spackle-modes #'spackle--eglot-contact)))

(defun spackle--eglot-server ()
  "The live Spackle server of this buffer under eglot, if any."
  (when-let ((server (and (fboundp 'eglot-current-server) (eglot-current-server))))
    (and (eq (eieio-object-class server) 'spackle-eglot-server)
         (jsonrpc-running-p server)
         server)))

;;;; lsp-mode

(defvar lsp--cur-workspace)
(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(declare-function lsp-request "lsp-mode")
(declare-function lsp-workspaces "lsp-mode")
(declare-function lsp--workspace-server-id "lsp-mode")
(declare-function lsp--text-document-position-params "lsp-mode")

(with-eval-after-load 'lsp-mode
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection (lambda () spackle-command)
                                          (lambda () (executable-find (car spackle-command))))
    :activation-fn (lambda (_file-name mode) (assq mode spackle-modes))
    ;; An add-on runs beside the buffer's main server (ts-ls) instead of replacing it.
    :add-on? t
    :priority -2
    :server-id 'spackle
    :initialization-options (lambda () spackle-settings))))

(defun spackle--lsp-workspace ()
  "The Spackle workspace of this buffer under lsp-mode, if any."
  (when (and (bound-and-true-p lsp-mode) (fboundp 'lsp-workspaces))
    (cl-find 'spackle (lsp-workspaces) :key #'lsp--workspace-server-id)))

;;;; Commands

(defun spackle--request (method params-fn)
  "Send METHOD to this buffer's Spackle with the params PARAMS-FN makes.
Return the result.  Under eglot or lsp-mode, whichever runs Spackle
here; a `user-error' when neither does."
  (cond
   ((spackle--eglot-server)
    (condition-case err
        (jsonrpc-request (spackle--eglot-server) method (funcall params-fn 'eglot))
      (jsonrpc-error (user-error "Spackle: %s" (or (alist-get 'jsonrpc-error-message (cdr err)) (cdr err))))))
   ((spackle--lsp-workspace)
    ;; What `with-lsp-workspace' does: requests go to this workspace only, not to ts-ls beside it.
    (let ((lsp--cur-workspace (spackle--lsp-workspace)))
      (condition-case err
          (lsp-request (substring (symbol-name method) 1) (funcall params-fn 'lsp-mode))
        (error (user-error "Spackle: %s" (error-message-string err))))))
   (t (user-error "Spackle: not running in this buffer; start it with M-x eglot or M-x lsp (its log is in the *EGLOT ... events* or *spackle::stderr* buffer)"))))

(defun spackle--position-params (client)
  "TextDocumentPositionParams at point, as CLIENT writes them.
CLIENT is `eglot' or `lsp-mode'."
  (if (eq client 'eglot) (eglot--TextDocumentPositionParams) (lsp--text-document-position-params)))

(defun spackle--get (object key)
  "KEY (a keyword) of a JSON OBJECT, a plist (eglot) or a hash table (lsp-mode)."
  (if (hash-table-p object) (gethash (substring (symbol-name key) 1) object) (plist-get object key)))

;;;###autoload
(defun spackle-fill-hole ()
  "Fill the hole at point with the best fill that type-checks.
The hole is `_()' or, elsewhere, the point itself."
  (interactive)
  (let* ((eglot-confirm-server-initiated-edits nil)
         (result (spackle--request
                  :workspace/executeCommand
                  (lambda (client)
                    (let ((at (spackle--position-params client)))
                      (list :command spackle--fill-hole-command
                            :arguments (vector (list :uri (spackle--get (spackle--get at :textDocument) :uri)
                                                     :position (spackle--get at :position)))))))))
    (message "Spackle: filled with %s: %s" (spackle--get result :text) (spackle--get result :type))
    result))

(defun spackle--context-text (context)
  "The hole CONTEXT (a `spackle/holeContext' result) as text."
  (let* ((expected (spackle--get context :expectedType))
         (receiver (spackle--get context :receiver))
         (sections `(("Relevant types" ,(spackle--get context :relevantTypes) :text)
                     ("Relevant headers" ,(spackle--get context :relevantHeaders) :signature))))
    (concat
     (format "%s hole: expected %s\n"
             (spackle--get (spackle--get context :hole) :kind)
             (if expected (spackle--get expected :text) "nothing (no type constrains it)"))
     (if receiver (format "member of %s: %s\n" (spackle--get receiver :text) (spackle--get receiver :type)) "")
     (mapconcat (lambda (section)
                  (pcase-let ((`(,title ,items ,key) section))
                    (if (zerop (length items))
                        (format "\n%s: none\n" title)
                      (format "\n%s:\n%s\n" title
                              (mapconcat (lambda (item) (spackle--get item key)) items "\n")))))
                sections ""))))

;;;###autoload
(defun spackle-show-context ()
  "Show what the hole at point needs.
That is its expected type, relevant types and relevant headers."
  (interactive)
  (let ((context (spackle--request :spackle/holeContext #'spackle--position-params)))
    (with-help-window "*spackle-context*"
      (with-current-buffer standard-output
        (insert (spackle--context-text context))))))

(provide 'spackle)
;;; spackle.el ends here
