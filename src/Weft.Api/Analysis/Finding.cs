using Weft.Api.Documents;

namespace Weft.Api.Analysis;

/// <summary>
/// One analyzer finding: Istio's code and level, the object it is about ("Kind namespace/name"),
/// the message, and where in the sources the object (or the offending field) is.
/// </summary>
public sealed record Finding(MessageType Type, string Origin, string Message, string? Source = null, Mark At = default, string? FieldPath = null)
{
    public string Code => Type.Code;

    public MessageLevel Level => Type.Level;

    /// <summary>`file.yaml:12` when the object came from a file.</summary>
    public string? Reference => Source is null ? null : At.IsKnown ? $"{Source}:{At.Line}" : Source;

    /// <summary>As istioctl prints it: <c>Error [IST0101] (VirtualService default/reviews x.yaml:12) Referenced host not found: "foo"</c>.</summary>
    public override string ToString() =>
        $"{Level} [{Code}] ({Origin}{(Reference is null ? "" : " " + Reference)}) {Message}";
}
