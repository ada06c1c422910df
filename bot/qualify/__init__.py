"""The qualify feature: ``/qualify`` and its conversation (moving here from ``bot/``)."""
