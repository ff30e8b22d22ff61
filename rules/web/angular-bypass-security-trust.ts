// Test code for angular-bypass-security-trust: "Angular strips my HTML/iframe URL" fixes.
import { Component, Input, Pipe, PipeTransform, SecurityContext } from '@angular/core';
import { DomSanitizer, SafeHtml, SafeResourceUrl } from '@angular/platform-browser';

// "WARNING: sanitizing HTML stripped some content"
@Pipe({ name: 'safeHtml' })
export class SafeHtmlPipe implements PipeTransform {
  constructor(private sanitizer: DomSanitizer) {}
  transform(value: string): SafeHtml {
    // ruleid: angular-bypass-security-trust
    return this.sanitizer.bypassSecurityTrustHtml(value);
  }
}

@Component({ selector: 'app-video', template: '<iframe [src]="url"></iframe>' })
export class VideoComponent {
  url!: SafeResourceUrl;
  constructor(private sanitizer: DomSanitizer) {}
  @Input() set videoId(id: string) {
    // ruleid: angular-bypass-security-trust
    this.url = this.sanitizer.bypassSecurityTrustResourceUrl(`https://www.youtube.com/embed/${id}`);
  }
  @Input() set link(href: string) {
    // ruleid: angular-bypass-security-trust
    this.url = this.sanitizer.bypassSecurityTrustUrl(href);
  }
}

// The fixed forms.
@Pipe({ name: 'cleanHtml' })
export class CleanHtmlPipe implements PipeTransform {
  constructor(private sanitizer: DomSanitizer) {}
  transform(value: string): string | null {
    // ok: angular-bypass-security-trust
    return this.sanitizer.sanitize(SecurityContext.HTML, value);
  }
}

@Component({ selector: 'app-map', template: '<iframe [src]="mapUrl"></iframe>' })
export class MapComponent {
  constructor(private sanitizer: DomSanitizer) {}
  // A constant URL written by the developer.
  // ok: angular-bypass-security-trust
  mapUrl = this.sanitizer.bypassSecurityTrustResourceUrl('https://maps.example.com/embed/office');
  // ok: angular-bypass-security-trust
  icon = this.sanitizer.bypassSecurityTrustHtml(`<svg viewBox="0 0 10 10"></svg>`);
}
