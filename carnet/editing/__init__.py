"""What every edit form of a record shared by a team needs so that two people editing it at
once never lose a change silently (optimistic concurrency): a version on the record, claimed
by the save, and the conflict shown next to the form."""
