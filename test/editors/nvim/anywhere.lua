-- Completion anywhere on Neovim 0.7 (no inline completion): on the empty line of a function's body, <C-x><C-o> lists
-- the code the scripted model writes as one item; accepted, it fills the body, over several lines.
local driver = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/driver.lua')
local plan, report, wait = driver.plan, driver.report, driver.wait

vim.o.completeopt = 'menuone,noinsert'

driver.run(function()
  local spot = plan.spots.anywhere
  driver.open(spot.file)
  driver.cursor_at(spot)
  local before = driver.text()
  -- Append after the indentation the editor left on the empty line, then ask for completion.
  local items = driver.complete('A<C-x><C-o>')
  report.items = vim.tbl_map(function(item)
    return item.abbr .. ' | ' .. item.menu
  end, items)
  driver.type('<C-y><Esc>')
  report.text = wait('the completion to be applied', function()
    local text = driver.text()
    return text ~= before and text
  end)
  report.cursor = vim.api.nvim_win_get_cursor(0)
end)
