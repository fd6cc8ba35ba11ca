namespace Weft.Api.Model.Extensions;

/// <summary>TrafficExtension's Lua filter.</summary>
public sealed record LuaConfig
{
    /// <summary>The Lua source (at most 64 KiB).</summary>
    public string? InlineCode { get; init; }
}
