namespace Weft.Api.Model.Telemetry;

/// <summary>ProviderRef: the name of a MeshConfig extension provider.</summary>
public sealed record ProviderRef
{
    public string? Name { get; init; }
}
