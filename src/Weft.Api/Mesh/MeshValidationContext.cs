using Weft.Api.Model.Mesh;
using Weft.Api.Validation;

namespace Weft.Api.Mesh;

/// <summary>The mesh settings object validation depends on (root namespace, trust domain), taken from a loaded MeshConfig.</summary>
public static class MeshValidationContext
{
    public static ValidationContext For(MeshConfig mesh)
    {
        var defaults = ValidationContext.Default;
        return defaults with
        {
            RootNamespace = mesh.RootNamespace ?? defaults.RootNamespace,
            TrustDomain = mesh.TrustDomain ?? defaults.TrustDomain,
        };
    }
}
