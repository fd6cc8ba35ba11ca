using Weft.Api.Binding;

namespace Weft.Api.Model.Extensions;

/// <summary>FailStrategy: what a proxy does when a plugin fails fatally.</summary>
[WireCase(WireCase.UpperSnake)]
public enum FailStrategy
{
    /// <summary>Requests fail (the default).</summary>
    FailClose,
    /// <summary>The plugin is skipped.</summary>
    FailOpen,
    /// <summary>The plugin is reloaded.</summary>
    FailReload,
}
