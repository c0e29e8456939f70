"""The significance rules, one small module per family; significance.py runs them in order."""
