using Weft.Api.Documents;

namespace Weft.Api.Model;

/// <summary>
/// A value whose shape the API leaves open (protobuf Struct/Any, an EnvoyFilter patch, a status
/// written by the server, fields of kinds Weft stores without interpreting). Kept as read.
/// </summary>
public sealed record FreeForm(Node Node)
{
    public static FreeForm EmptyObject { get; } = new(new MapNode([]));

    public override string ToString() => NodeWriter.ToJson(Node, indented: false);
}
