"""What every feature needs of Slack: the Web API client, the request guard, deliveries
taken in, the DM, and the shared Block Kit pieces."""
