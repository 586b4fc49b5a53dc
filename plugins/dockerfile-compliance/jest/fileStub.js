// Jest stand-in for images/styles the frontend packages import (the bundler handles them in the app).
module.exports = 'test-file-stub';
