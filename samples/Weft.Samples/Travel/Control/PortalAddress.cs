namespace Weft.Samples.Travel.Control;

/// <summary>One portal the control drives: its name (voyages.fr) and base URL (http://voyages.travel-portal:8000).</summary>
public sealed record PortalAddress(string Name, string Url);
