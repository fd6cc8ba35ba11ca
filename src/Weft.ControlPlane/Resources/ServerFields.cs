namespace Weft.ControlPlane.Resources;

/// <summary>The metadata the server owns: identity and change count.</summary>
public sealed record ServerFields(string Uid, long Generation, string CreationTimestamp);
