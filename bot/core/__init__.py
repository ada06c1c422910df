"""What every feature stands on: dependencies, database, models, errors, the work pool."""
