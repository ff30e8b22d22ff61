function a() { first(; }
function b() { exec(one); }
function c() { second(, }
function d() { eval(two); }
