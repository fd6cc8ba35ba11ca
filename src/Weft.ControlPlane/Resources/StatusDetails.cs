namespace Weft.ControlPlane.Resources;

/// <summary>Which object a failure is about (Kubernetes' StatusDetails).</summary>
public sealed record StatusDetails(string? Name, string? Group, string? Kind, IReadOnlyList<StatusCause> Causes);
