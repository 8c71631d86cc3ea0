-- Completion for Neovim < 0.11. Its vim.lsp.omnifunc inserts an item's newText from the start of the item's
-- textEdit range up to the cursor only, keeping the rest of the range: completing `_(|)` with `guest` leaves
-- `guest)`. Spackle's fills replace a whole hole, so `omnifunc` below (a drop-in for vim.lsp.omnifunc) remembers the
-- line as it was when completion started, and once a Spackle item is chosen puts that line back and applies the
-- item's textEdit, as the server meant it.
local M = {}

-- { bufnr, row, line } where the omnifunc last started.
local started

function M.omnifunc(findstart, base)
  if findstart == 1 then
    started = {
      bufnr = vim.api.nvim_get_current_buf(),
      row = vim.api.nvim_win_get_cursor(0)[1],
      line = vim.api.nvim_get_current_line(),
    }
  end
  return vim.lsp.omnifunc(findstart, base)
end

local function spackle_item(completed)
  local user_data = completed and completed.user_data
  local lsp = type(user_data) == 'table' and user_data.nvim and user_data.nvim.lsp
  local item = lsp and lsp.completion_item
  if item and item.textEdit and type(item.data) == 'table' and item.data.source == 'spackle' then
    return item
  end
end

local function byte_col(line, character, encoding)
  if encoding == 'utf-8' then
    return character
  end
  return vim.str_byteindex(line, character, encoding == 'utf-16')
end

local function complete_done(client, bufnr)
  -- Also fired, with no item, when the omnifunc's first (empty) answer ends: `started` is kept for the real one.
  local item = spackle_item(vim.v.completed_item)
  local from = started
  local row = vim.api.nvim_win_get_cursor(0)[1]
  if not item or not from or from.bufnr ~= bufnr or from.row ~= row then
    return
  end
  started = nil
  local edit = item.textEdit
  vim.api.nvim_buf_set_lines(bufnr, row - 1, row, false, { from.line })
  vim.lsp.util.apply_text_edits({ edit }, bufnr, client.offset_encoding)
  -- The cursor goes after the inserted text, on its last line when it spans several (code completed anywhere).
  local lines = vim.split(edit.newText, '\n', true)
  if #lines > 1 then
    vim.api.nvim_win_set_cursor(0, { row + #lines - 1, #lines[#lines] })
  else
    local start = byte_col(from.line, edit.range.start.character, client.offset_encoding)
    vim.api.nvim_win_set_cursor(0, { row, start + #edit.newText })
  end
end

--- Sets the omnifunc of a buffer Spackle attaches to, unless the user chose another than the LSP one.
function M.attach(client, bufnr)
  if vim.fn.has('nvim-0.11') == 1 then
    return
  end
  local current = vim.bo[bufnr].omnifunc
  if current == '' or current == 'v:lua.vim.lsp.omnifunc' then
    vim.bo[bufnr].omnifunc = "v:lua.require'spackle.complete'.omnifunc"
  end
  vim.api.nvim_create_autocmd('CompleteDone', {
    group = vim.api.nvim_create_augroup('spackle_complete_' .. bufnr, { clear = true }),
    buffer = bufnr,
    callback = function()
      complete_done(client, bufnr)
    end,
  })
end

return M
