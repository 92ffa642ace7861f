"""The app's screens: comparison, duplicates, document, and the small dialogs."""
