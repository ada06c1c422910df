"""App Home's settings for a team's admins: the form, its checks, and what a save does."""
