namespace Weft.Api.Model.Security;

/// <summary>AuthorizationPolicy.ExtensionProvider: the MeshConfig extension provider a CUSTOM policy delegates to.</summary>
public sealed record AuthorizationProvider
{
    public string? Name { get; init; }
}
