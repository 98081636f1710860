-- nianbao in Neovim 0.7+ (built-in LSP client): the configuration README.md shows (test/e2e/neovim.e2e.mjs
-- checks that the README's block is the code below, and runs it). Needs `nianbao-language-server` on PATH.
local nianbao_client
vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  pattern = { '*年度报告*', '*年报*', '*.nianbao' },
  callback = function(args)
    nianbao_client = nianbao_client or vim.lsp.start_client({
      name = 'nianbao', cmd = { 'nianbao-language-server', '--stdio' }, root_dir = vim.fn.getcwd(),
    })
    vim.lsp.buf_attach_client(args.buf, nianbao_client)
  end,
})
