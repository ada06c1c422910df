"""Settings and the shipped data (flows, glossary), validated at start-up."""
