"""``qualibot console``: a qualification in the terminal."""
