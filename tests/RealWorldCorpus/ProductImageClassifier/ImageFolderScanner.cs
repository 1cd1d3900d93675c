using System;
using System.IO;

namespace ProductImageClassifier;

/// <summary>The photo folders are laid out as &lt;root&gt;/&lt;category&gt;/&lt;sku&gt;-&lt;n&gt;.jpg.</summary>
public static class ImageFolderScanner
{
    public static readonly string[] Extensions = [".jpg", ".jpeg", ".png"];

    public static bool IsImage(string path) => Array.IndexOf(Extensions, Path.GetExtension(path).ToLowerInvariant()) >= 0;

    public static ImageRow ToRow(string path) => new()
    {
        ImagePath = Path.GetFullPath(path),
        LabelText = new DirectoryInfo(Path.GetDirectoryName(path)!).Name,
    };
}
