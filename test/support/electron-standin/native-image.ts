// nativeImage: records where each image came from. createFromPath on a file that does not exist fails loudly (Electron
// would hand back an empty image and the tray would show nothing), so a missing icon fails the test that made it.
// Pixels are not decoded beyond a PNG's size.
import { existsSync, readFileSync } from 'node:fs';
import type { Returning, Slice } from './electron-types';
import type { Hub } from './hub';

type ImageKeys =
  'isEmpty' | 'getSize' | 'setTemplateImage' | 'isTemplateImage' | 'toPNG' | 'toDataURL' | 'getAspectRatio';
type FactoryKeys = 'createFromPath' | 'createEmpty' | 'createFromBuffer' | 'createFromDataURL';

export class StandinNativeImage
  implements Slice<Electron.NativeImage, ImageKeys>, Returning<Electron.NativeImage, 'resize', StandinNativeImage>
{
  private template = false;

  constructor(
    /** The file it was made from, or null for an empty or in-memory image. */
    readonly path: string | null,
    private readonly bytes: Buffer,
    private readonly size: Electron.Size,
  ) {}

  isEmpty(): boolean {
    return this.bytes.length === 0;
  }

  getSize(): Electron.Size {
    return { ...this.size };
  }

  getAspectRatio(): number {
    return this.size.height === 0 ? 1 : this.size.width / this.size.height;
  }

  setTemplateImage(option: boolean): void {
    this.template = option;
  }

  isTemplateImage(): boolean {
    return this.template;
  }

  resize(options: Electron.ResizeOptions): StandinNativeImage {
    const width = options.width ?? Math.round((options.height ?? this.size.height) * this.getAspectRatio());
    const height = options.height ?? Math.round(width / this.getAspectRatio());
    return new StandinNativeImage(this.path, this.bytes, { width, height });
  }

  toPNG(): Buffer {
    return this.bytes;
  }

  toDataURL(): string {
    return `data:image/png;base64,${this.bytes.toString('base64')}`;
  }
}

/** The nativeImage module of one stand-in. */
export function defineNativeImage(hub: Hub) {
  const nativeImage: Returning<typeof Electron.NativeImage, FactoryKeys, StandinNativeImage> = {
    createFromPath(path: string): StandinNativeImage {
      if (!existsSync(path)) {
        const message = `nativeImage.createFromPath: no such file: ${path}`;
        hub.problem(message);
        throw new Error(`electron stand-in: ${message}`);
      }
      const bytes = readFileSync(path);
      return new StandinNativeImage(path, bytes, pngSize(bytes));
    },
    createEmpty(): StandinNativeImage {
      return new StandinNativeImage(null, Buffer.alloc(0), { width: 0, height: 0 });
    },
    createFromBuffer(buffer: Buffer): StandinNativeImage {
      return new StandinNativeImage(null, buffer, pngSize(buffer));
    },
    createFromDataURL(dataURL: string): StandinNativeImage {
      const bytes = Buffer.from(dataURL.slice(dataURL.indexOf(',') + 1), 'base64');
      return new StandinNativeImage(null, bytes, pngSize(bytes));
    },
  };
  return nativeImage;
}

/** A tray icon as a path, or an image made by this stand-in; anything else is a bug in the test or the app. */
export function asImage(hub: Hub, icon: Electron.NativeImage | StandinNativeImage | string): StandinNativeImage {
  if (typeof icon === 'string') return defineNativeImage(hub).createFromPath(icon);
  if (icon instanceof StandinNativeImage) return icon;
  throw new Error('electron stand-in: an image not made by nativeImage');
}

/** Width and height from a PNG's IHDR; zero for anything else (an SVG, an ICO). */
function pngSize(bytes: Buffer): Electron.Size {
  const png = bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47;
  return png ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : { width: 0, height: 0 };
}
