"""A team's settings: what its admins chose in App Home (stored, with their history) over
the environment's defaults, read by every feature through ``Deps.team_settings``."""
