/// An offline, memory-mapped filter of breached passwords.
public enum BreachedPasswords {}
