using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ProxyPathNormalization.NormalizationType.</summary>
[WireCase(WireCase.UpperSnake)]
public enum PathNormalizationType
{
    /// <summary>BASE.</summary>
    Default,
    /// <summary>Paths are used as received.</summary>
    None,
    /// <summary>RFC 3986 normalization (<c>/a/../b</c> is <c>/b</c>).</summary>
    Base,
    /// <summary>BASE, and consecutive slashes merged.</summary>
    MergeSlashes,
    /// <summary>MERGE_SLASHES after decoding <c>%2F</c> and <c>%5C</c>.</summary>
    DecodeAndMergeSlashes,
}
