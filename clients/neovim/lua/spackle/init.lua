-- Spackle for Neovim: starts the server beside any other TypeScript server, and adds :SpackleFill and
-- :SpackleContext. Neovim 0.7 to 0.10 get their own start-and-attach (vim.lsp.start_client + buf_attach_client);
-- 0.11 and later get vim.lsp.config/vim.lsp.enable.
local context = require('spackle.context')
local complete = require('spackle.complete')

local M = {}

local NAME = 'spackle'
local FILL_HOLE_COMMAND = 'spackle.fillHole'

local defaults = {
  cmd = { 'spackle', '--stdio' },
  -- Spackle's settings (README "Settings"): sent as initializationOptions and answered to workspace/configuration.
  settings = {},
  filetypes = { 'typescript', 'typescriptreact', 'javascript', 'javascriptreact' },
  root_markers = { 'tsconfig.json', 'jsconfig.json', 'package.json', '.git' },
  -- Buffer-local normal-mode keymaps, set where Spackle attaches; false leaves keymaps to the user.
  keymaps = { fill = '<leader>hf', context = '<leader>hc' },
  -- Ghost text from textDocument/inlineCompletion, where the editor has it (Neovim 0.12+).
  inline_completion = true,
  on_attach = nil,
}

local config = vim.deepcopy(defaults)
-- Root directory -> client id (Neovim < 0.11, where this plugin starts its own clients).
local clients_by_root = {}
local reported_missing = false

local function has(version)
  return vim.fn.has('nvim-' .. version) == 1
end

-- The LSP log, where Neovim also writes the server's stderr.
local function log_path()
  return require('vim.lsp.log').get_filename()
end

local function notify(message, level)
  vim.notify('spackle: ' .. message, level or vim.log.levels.INFO)
end

-- Client methods are called with `:` from 0.11 on; the dot form is deprecated there.
local function request(client, method, params, handler, bufnr)
  if has('0.11') then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function executable(cmd)
  if vim.fn.executable(cmd[1]) == 1 then
    return true
  end
  if not reported_missing then
    reported_missing = true
    notify(
      string.format("cannot start the server: '%s' is not an executable on PATH (cmd = %s). "
        .. "Install Spackle (npm install -g, see its README) or set cmd in require('spackle').setup{}.",
        cmd[1], vim.inspect(cmd)),
      vim.log.levels.ERROR
    )
  end
  return false
end

local function on_exit(code, signal)
  -- 0 after shutdown, 15 (SIGTERM) when Neovim stops it on quitting: anything else is a crash.
  if code ~= 0 or (signal ~= 0 and signal ~= 15) then
    vim.schedule(function()
      notify(
        string.format('the server stopped (exit code %d, signal %d); its stderr is in %s. '
          .. 'Reopen the buffer (:e) to start it again.', code, signal, log_path()),
        vim.log.levels.ERROR
      )
    end)
  end
end

-- Hover on a hole is Spackle's; elsewhere it answers null and the other TypeScript server's hover stays.
local function hover(err, result, ctx, hover_config)
  if result then
    return vim.lsp.handlers['textDocument/hover'](err, result, ctx, hover_config)
  end
end

local function set_keymaps(bufnr)
  if not config.keymaps then
    return
  end
  local function map(lhs, rhs, desc)
    if lhs then
      vim.api.nvim_buf_set_keymap(bufnr, 'n', lhs, rhs, { noremap = true, silent = true, desc = desc })
    end
  end
  map(config.keymaps.fill, '<cmd>SpackleFill<CR>', 'Spackle: fill the hole under the cursor')
  map(config.keymaps.context, '<cmd>SpackleContext<CR>', 'Spackle: show the context of the hole under the cursor')
end

local function on_attach(client, bufnr)
  set_keymaps(bufnr)
  complete.attach(client, bufnr)
  if config.inline_completion and vim.lsp.inline_completion then
    vim.lsp.inline_completion.enable(true, { bufnr = bufnr, client_id = client.id })
  end
  if config.on_attach then
    config.on_attach(client, bufnr)
  end
end

local function client_config(root_dir)
  -- Neovim writes an empty table as a JSON array, which is no settings object.
  local settings = next(config.settings) and config.settings or vim.empty_dict()
  return {
    name = NAME,
    cmd = config.cmd,
    root_dir = root_dir,
    init_options = settings,
    settings = { spackle = settings },
    handlers = { ['textDocument/hover'] = hover },
    on_attach = on_attach,
    on_exit = on_exit,
  }
end

-- The nearest folder above `path` holding one of the root markers; the file's folder when there is none.
local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local start = dir
  while true do
    for _, marker in ipairs(config.root_markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return start
    end
    dir = parent
  end
end

-- Neovim < 0.11: one client per root, started on the first buffer of that root and attached to the next ones.
local function attach(bufnr)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == '' or vim.bo[bufnr].buftype ~= '' or not executable(config.cmd) then
    return
  end
  local root = root_of(path)
  local id = clients_by_root[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(client_config(root))
    clients_by_root[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

--- The Spackle client attached to a buffer, if any.
function M.client(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = NAME })[1]
  end
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == NAME then
      return client
    end
  end
end

-- Sends `method` at the cursor to this buffer's Spackle (params made from the position params by `params_of`) and
-- hands the result to `on_result`; a missing server or an error response is shown to the user.
local function at_cursor(method, params_of, on_result)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  if not client then
    notify('not running in this buffer (see :messages and ' .. log_path() .. ')', vim.log.levels.WARN)
    return
  end
  local position = vim.lsp.util.make_position_params(0, client.offset_encoding)
  request(client, method, params_of(position), function(err, result)
    if err then
      notify(err.message, vim.log.levels.WARN)
    else
      on_result(result)
    end
  end, bufnr)
end

--- :SpackleFill: the server fills the hole under the cursor with its best fill (applied with workspace/applyEdit).
function M.fill()
  at_cursor('workspace/executeCommand', function(at)
    return { command = FILL_HOLE_COMMAND, arguments = { { uri = at.textDocument.uri, position = at.position } } }
  end, function(result)
    notify(string.format('filled with %s: %s', result.text, result.type))
  end)
end

--- :SpackleContext: the hole's expected type, relevant types and headers in a floating window.
function M.show_context()
  at_cursor('spackle/holeContext', function(at)
    return at
  end, function(result)
    local options = { focus_id = 'spackle-context', border = 'single' }
    vim.lsp.util.open_floating_preview(context.lines(result), 'markdown', options)
  end)
end

--- setup{ cmd = {...}, settings = {...}, filetypes, root_markers, keymaps, inline_completion, on_attach }
function M.setup(options)
  config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), options or {})
  -- Lists replace, not merge.
  for _, key in ipairs({ 'cmd', 'filetypes', 'root_markers' }) do
    if options and options[key] then
      config[key] = options[key]
    end
  end
  vim.cmd([[
    command! SpackleFill lua require('spackle').fill()
    command! SpackleContext lua require('spackle').show_context()
  ]])

  if has('0.11') then
    local native = client_config(nil)
    native.filetypes = config.filetypes
    native.root_markers = config.root_markers
    vim.lsp.config(NAME, native)
    if executable(config.cmd) then
      vim.lsp.enable(NAME)
    end
    return
  end

  local group = vim.api.nvim_create_augroup('spackle', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      attach(args.buf)
    end,
  })
  -- Buffers already open when setup runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      attach(bufnr)
    end
  end
end

return M
