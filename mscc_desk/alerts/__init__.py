"""Deadline alerts on the desk: the scheduler that raises them and the one-desk guard.

`scheduler.AlertController` turns the `deadline` table into on-time alerts (Qt signals);
`single_instance.SingleInstance` keeps a second copy of the app from raising them twice.
"""
