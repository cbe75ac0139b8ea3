"""Browser tests: lessons and the harness driven in JupyterLab by Playwright."""
