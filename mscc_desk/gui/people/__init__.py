"""Who is at the desk: sign-in, first run, the screen lock, the session, user admin."""
