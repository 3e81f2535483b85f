"""The participation path: one place where every contribution is validated,
checked and stored, whichever channel it comes through (architecture rule 1)."""
