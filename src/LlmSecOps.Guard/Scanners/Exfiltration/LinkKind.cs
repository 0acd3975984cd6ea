namespace LlmSecOps.Guard.Scanners.Exfiltration;

/// <summary>How a URL appears in a completion; images load by themselves, links need a click.</summary>
internal enum LinkKind
{
    /// <summary>A bare URL (many chat interfaces turn it into a link).</summary>
    Bare,

    /// <summary>A markdown link <c>[text](url)</c> or HTML anchor.</summary>
    Link,

    /// <summary>A markdown image <c>![alt](url)</c>: fetched as soon as it renders.</summary>
    MarkdownImage,

    /// <summary>An HTML <c>&lt;img src=…&gt;</c>: fetched as soon as it renders.</summary>
    HtmlImage,
}
