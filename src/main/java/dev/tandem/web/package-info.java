/** The pages people open: routing of shareable document addresses to the editor page. */
package dev.tandem.web;
