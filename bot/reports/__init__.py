"""The pipeline in numbers: weekly reports, export, rules preview."""
