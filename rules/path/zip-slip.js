// Test code for zip-slip: extracting archives by joining entry names to the destination.
const fs = require('fs');
const path = require('path');
const unzipper = require('unzipper');
const AdmZip = require('adm-zip');
const yauzl = require('yauzl');
const tarStream = require('tar-stream');

// "Extract the uploaded zip into the workspace" (unzipper)
function extractUpload(zipPath, dest) {
  fs.createReadStream(zipPath)
    .pipe(unzipper.Parse())
    .on('entry', (entry) => {
      const target = path.join(dest, entry.path);
      // ruleid: zip-slip
      entry.pipe(fs.createWriteStream(target));
    });
}

// adm-zip
function extractTheme(file, dest) {
  const zip = new AdmZip(file);
  for (const entry of zip.getEntries()) {
    // ruleid: zip-slip
    fs.writeFileSync(path.join(dest, entry.entryName), entry.getData());
  }
}

// yauzl, with a helper that writes
function writeEntry(dest, name, stream) {
  // ruleid: zip-slip
  stream.pipe(fs.createWriteStream(path.resolve(dest, name)));
}
function extractWithYauzl(file, dest) {
  yauzl.open(file, { lazyEntries: true }, (err, zipfile) => {
    zipfile.on('entry', (entry) => {
      zipfile.openReadStream(entry, (e, stream) => writeEntry(dest, entry.fileName, stream));
    });
  });
}

// tar-stream: the header name of each entry
function extractTar(input, dest) {
  const extract = tarStream.extract();
  extract.on('entry', (header, stream, next) => {
    // ruleid: zip-slip
    stream.pipe(fs.createWriteStream(path.join(dest, header.name)));
    stream.on('end', next);
  });
  input.pipe(extract);
}

// The fixed forms and look-alikes.
function extractSafe(zipPath, dest) {
  const root = path.resolve(dest);
  fs.createReadStream(zipPath)
    .pipe(unzipper.Parse())
    .on('entry', (entry) => {
      const target = path.resolve(root, entry.path);
      if (!target.startsWith(root + path.sep)) return entry.autodrain();
      // ok: zip-slip
      entry.pipe(fs.createWriteStream(target));
    });
}
function extractFlat(file, dest) {
  const zip = new AdmZip(file);
  zip.getEntries().forEach((entry, i) => {
    // ok: zip-slip
    fs.writeFileSync(path.join(dest, path.basename(entry.entryName)), entry.getData());
    // ok: zip-slip
    fs.writeFileSync(path.join(dest, `file-${i}.bin`), entry.getData());
    let name = entry.entryName;
    name = 'manifest.json';
    // ok: zip-slip
    fs.writeFileSync(path.join(dest, name), entry.getData());
  });
}

module.exports = { extractTar, extractUpload, extractTheme, extractWithYauzl, extractSafe, extractFlat };
