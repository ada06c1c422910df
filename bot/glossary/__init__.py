"""The team's glossary: ``/define``, its store and its views."""
