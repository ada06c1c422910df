"""Many workspaces: the OAuth install ("Add to Slack"), uninstalls, and the teams served."""
