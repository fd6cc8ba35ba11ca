using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Tracing.Stackdriver.</summary>
[WireNullsAreAbsent]
public sealed record TracingStackdriver
{
    public bool? Debug { get; init; }
    public long? MaxNumberOfAttributes { get; init; }
    public long? MaxNumberOfAnnotations { get; init; }
    public long? MaxNumberOfMessageEvents { get; init; }
}
