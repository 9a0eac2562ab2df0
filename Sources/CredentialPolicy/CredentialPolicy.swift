/// The broker's rules for choosing login passwords and PINs.
public enum CredentialPolicyNamespace {}
