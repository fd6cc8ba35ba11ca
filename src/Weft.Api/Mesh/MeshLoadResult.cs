using Weft.Api.Validation;

namespace Weft.Api.Mesh;

/// <summary>A mesh-wide document read from a source: the typed value when it loaded and validated, and every problem found.</summary>
public sealed record MeshLoadResult<T>(T? Value, IReadOnlyList<Diagnostic> Errors) where T : class
{
    public bool Ok => Value is not null && Errors.Count == 0;
}
