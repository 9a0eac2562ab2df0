/// Estimates how many guesses an attacker needs for a password (zxcvbn-style).
public enum PasswordStrength {}
