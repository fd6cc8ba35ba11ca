using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.Patch.Operation; unset is INVALID.</summary>
[WireCase(WireCase.UpperSnake)]
public enum EnvoyFilterPatchOperation
{
    Invalid,
    Merge,
    Add,
    Remove,
    InsertBefore,
    InsertAfter,
    InsertFirst,
    Replace,
    MergeAndReplaceList,
}
