"""Backup and restore (백업·복원): encrypted archives of the whole database, their rotation, the
backup folder's catalogue of destroyed records, and the restore that never brings a destroyed
record back. See :mod:`privdesk.backup.backups` (making one), :mod:`privdesk.backup.archive` (the
file format), :mod:`privdesk.restore` and :mod:`privdesk.backup.catalogue`."""
