"""A qualified lead handed to sales: the outbox, the courier, the card, claims."""
